import "server-only";

/**
 * Reads a request body up to `limit` bytes. A longer body (by Content-Length or while streaming)
 * stops the read: only the head is returned, flagged `truncated`, and the rest is never buffered.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const declared = Number(request.headers.get("content-length") ?? "");
  const reader = request.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = Number.isFinite(declared) && declared > limit;
  while (!truncated) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) truncated = true;
  }
  if (truncated) await reader.cancel().catch(() => undefined);
  const bytes = Buffer.concat(chunks);
  return { bytes: truncated ? bytes.subarray(0, Math.min(bytes.byteLength, 64 * 1024)) : bytes, truncated };
}
