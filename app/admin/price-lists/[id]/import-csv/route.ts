import { requireStaff } from "@/lib/auth/guards";
import { isCrossOriginPost } from "@/lib/auth/same-origin";
import { importPriceListCsv, MAX_IMPORT_BYTES, type ImportEvent } from "@/lib/admin/price-csv/import-price-list";
import { idParam } from "@/lib/admin/route-params";
import { isAppError } from "@/lib/errors";

// POST /admin/price-lists/:id/import-csv — multipart (file, mode, dryRun, applyValidOnly) in,
// NDJSON progress events and the final report out, streamed while the import runs.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}/csv`);
  if (isCrossOriginPost(request)) return Response.json({ error: "cross_origin" }, { status: 403 });
  const priceListId = idParam(id);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return Response.json({ error: "too_large" }, { status: 413 });
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File)) return Response.json({ error: "no_file" }, { status: 400 });
  const options = {
    replaceAll: form.get("mode") === "replace",
    applyValidOnly: form.get("applyValidOnly") === "1",
    dryRun: form.get("dryRun") !== "0",
  };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportEvent | { type: "error"; message: string }) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      let lastSent = 0;
      try {
        const report = await importPriceListCsv({
          staff,
          priceListId,
          bytes,
          options,
          now: new Date(),
          signal: request.signal,
          emit: async (event) => {
            // Throttle progress to ~10 events a second; always pass the first and last.
            const now = Date.now();
            if (event.type === "progress" && event.done !== 0 && event.done !== event.total && now - lastSent < 100) return;
            lastSent = now;
            send(event);
            await new Promise((resolve) => setImmediate(resolve));
          },
        });
        send({ type: "report", report });
      } catch (error) {
        send({ type: "error", message: isAppError(error) ? error.message : "internal_error" });
        if (!isAppError(error)) console.error("[koppel] price list import failed", error);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform keeps compression from buffering the progress events.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
