/**
 * Hands a file fetched with the person's credentials to the browser as a download named
 * `fileName`. Teams' tab frame would send an `<a href>` to the API without the SSO token, so the
 * bytes are fetched first and saved from memory.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the data by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
