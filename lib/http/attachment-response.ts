/**
 * A file sent as a download that no cache keeps: the name twice (RFC 6266), as ASCII for old clients and
 * UTF-8 for the rest, and nosniff so a browser never reads a UBL or PDF as something else.
 */
export function attachmentResponse(file: { filename: string; contentType: string; body: Uint8Array | string }): Response {
  const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(file.body as BodyInit, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
