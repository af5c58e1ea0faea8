"""ipcgen: the IPC interface compiler of Ares (docs/ipc.md). Modules, in pipeline order:
lexer -> parser (model) -> loader (imports) -> checker -> c_* (the C backend)."""
