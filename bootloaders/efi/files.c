/*
 * Files on the volume the loader itself came from (the EFI system partition): whole-file
 * reads and sorted directory listings through the Simple File System protocol. Paths are
 * written the Unix way ("/modules/init") in messages and converted to EFI's form here.
 */
#include <stdint.h>
#include <string.h>

#include "bootloaders/efi/loader.h"

#define PATH_CHARS (FILES_MAX_NAME + 64)

/* "/modules/init" -> L"\\modules\\init". Paths are the loader's own, so too long is a bug. */
static void efi_path(const char *path, CHAR16 *out)
{
	size_t len = strlen(path);
	if (len >= PATH_CHARS)
		loader_fail("%s: path too long", path);
	for (size_t i = 0; i <= len; i++)
		out[i] = path[i] == '/' ? L'\\' : (CHAR16)(unsigned char)path[i];
}

EFI_FILE_HANDLE files_open_boot_volume(EFI_HANDLE image)
{
	EFI_LOADED_IMAGE *loaded = NULL;
	EFI_STATUS status = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
					      (void **)&loaded);
	if (EFI_ERROR(status))
		loader_fail("no loaded image protocol: %s", loader_status(status));
	EFI_FILE_IO_INTERFACE *fs = NULL;
	status = uefi_call_wrapper(BS->HandleProtocol, 3, loaded->DeviceHandle, &FileSystemProtocol,
				   (void **)&fs);
	if (EFI_ERROR(status))
		loader_fail("the boot volume has no file system: %s", loader_status(status));
	EFI_FILE_HANDLE root = NULL;
	status = uefi_call_wrapper(fs->OpenVolume, 2, fs, &root);
	if (EFI_ERROR(status))
		loader_fail("cannot open the boot volume: %s", loader_status(status));
	return root;
}

/* Opens `path` for reading; returns NULL if it does not exist. */
static EFI_FILE_HANDLE open_file(EFI_FILE_HANDLE root, const char *path)
{
	CHAR16 wide[PATH_CHARS];
	efi_path(path, wide);
	EFI_FILE_HANDLE file = NULL;
	EFI_STATUS status = uefi_call_wrapper(root->Open, 5, root, &file, wide, EFI_FILE_MODE_READ,
					      0);
	if (status == EFI_NOT_FOUND)
		return NULL;
	if (EFI_ERROR(status))
		loader_fail("%s: cannot open: %s", path, loader_status(status));
	return file;
}

/* Whether an open file is a directory; its size goes to *size. */
static int file_info(EFI_FILE_HANDLE file, const char *path, uint64_t *size)
{
	EFI_FILE_INFO *info = LibFileInfo(file);
	if (info == NULL)
		loader_fail("%s: cannot read its size", path);
	int directory = (info->Attribute & EFI_FILE_DIRECTORY) != 0;
	*size = info->FileSize;
	FreePool(info);
	return directory;
}

static void read_all(EFI_FILE_HANDLE file, const char *path, uint8_t *data, uint64_t size)
{
	uint64_t done = 0;
	while (done < size) {
		UINTN chunk = size - done;
		EFI_STATUS status = uefi_call_wrapper(file->Read, 3, file, &chunk, data + done);
		if (EFI_ERROR(status))
			loader_fail("%s: read error: %s", path, loader_status(status));
		if (chunk == 0)
			loader_fail("%s: file ends after %llu of %llu bytes", path,
				    (unsigned long long)done, (unsigned long long)size);
		done += chunk;
	}
}

int files_read(EFI_FILE_HANDLE root, const char *path, uint32_t type, struct file_data *out)
{
	EFI_FILE_HANDLE file = open_file(root, path);
	if (file == NULL)
		return -1;
	uint64_t size;
	if (file_info(file, path, &size))
		loader_fail("%s: is a directory", path);
	if (type == 0)
		out->data = alloc_pool(size == 0 ? 1 : size, path);
	else
		out->data = (void *)(uintptr_t)alloc_pages(size, type, path);
	out->size = size;
	read_all(file, path, out->data, size);
	uefi_call_wrapper(file->Close, 1, file);
	return 0;
}

/* Copies a directory entry's name to ASCII; names that cannot be shown stop the loader. */
static void entry_name(const char *dir, const CHAR16 *name, char *out)
{
	unsigned i = 0;
	for (; name[i]; i++) {
		if (i == FILES_MAX_NAME - 1)
			loader_fail("%s: a file name is longer than %d characters", dir,
				    FILES_MAX_NAME - 1);
		if (name[i] < 0x20 || name[i] > 0x7e)
			loader_fail("%s: a file name has a character that is not ASCII", dir);
		out[i] = (char)name[i];
	}
	out[i] = '\0';
}

/* Puts `name` into the sorted array out[0..count). */
static void insert_sorted(struct files_entry *out, unsigned count, const char *name)
{
	unsigned at = count;
	while (at > 0 && strcmp(out[at - 1].name, name) > 0)
		at--;
	memmove(&out[at + 1], &out[at], (count - at) * sizeof(out[0]));
	memcpy(out[at].name, name, strlen(name) + 1);
}

unsigned files_list(EFI_FILE_HANDLE root, const char *path, struct files_entry *out,
		    unsigned max)
{
	EFI_FILE_HANDLE dir = open_file(root, path);
	if (dir == NULL)
		return 0;
	uint64_t ignored;
	if (!file_info(dir, path, &ignored))
		loader_fail("%s: is not a directory", path);

	UINTN capacity = SIZE_OF_EFI_FILE_INFO + FILES_MAX_NAME * sizeof(CHAR16);
	EFI_FILE_INFO *info = alloc_pool(capacity, path);
	unsigned count = 0;
	for (;;) {
		UINTN size = capacity;
		EFI_STATUS status = uefi_call_wrapper(dir->Read, 3, dir, &size, info);
		if (status == EFI_BUFFER_TOO_SMALL) {
			/* A name too long for us: entry_name will say so. */
			free_pool(info);
			capacity = size;
			info = alloc_pool(capacity, path);
			continue;
		}
		if (EFI_ERROR(status))
			loader_fail("%s: cannot list: %s", path, loader_status(status));
		if (size == 0)
			break; /* end of the directory */
		if (info->Attribute & EFI_FILE_DIRECTORY)
			continue; /* ".", ".." and subdirectories */
		if (count == max)
			loader_fail("%s: more than %u files", path, max);
		char name[FILES_MAX_NAME];
		entry_name(path, info->FileName, name);
		insert_sorted(out, count, name);
		count++;
	}
	free_pool(info);
	uefi_call_wrapper(dir->Close, 1, dir);
	return count;
}
