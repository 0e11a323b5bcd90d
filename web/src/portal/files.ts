/** Files from an <input type="file"> as the API's attachments (base64). */
export async function attachmentsOf(files: FileList | null) {
  return Promise.all(
    Array.from(files ?? []).map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { filename: file.name, contentType: file.type || 'application/octet-stream', content: btoa(binary) };
    }),
  );
}
