"""Reads cases.txt (its header says the format): [(name, manifest bytes, [(line, message)])]."""


def read_cases(path):
    cases = []
    with open(path, "rb") as f:
        lines = f.read().decode().split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("=== "):
            i += 1
            continue
        name = lines[i][4:]
        i += 1
        text = []
        while lines[i] != "---":
            text.append(lines[i].replace("<CR>", "\r").replace("<NUL>", "\0") + "\n")
            i += 1
        i += 1
        errors = []
        while i < len(lines) and lines[i] and not lines[i].startswith("=== "):
            line, message = lines[i].split(": ", 1)
            errors.append((int(line), message))
            i += 1
        cases.append((name, "".join(text).encode(), errors))
    return cases
