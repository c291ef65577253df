import { requireStaff } from "@/lib/auth/guards";
import { formatPriceListCsv, type CsvFormat } from "@/lib/admin/price-csv/format-price-list";
import { priceListForPage } from "@/lib/admin/route-params";
import { listEntriesForExport } from "@/lib/data/price-lists";

// GET /admin/price-lists/:id/export-csv?format=nl|intl — the list's entries as CSV (UTF-8 with BOM),
// in exactly the format the import reads back.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}/csv`);
  const { list } = await priceListForPage(staff, id);
  const format: CsvFormat = new URL(request.url).searchParams.get("format") === "intl" ? "intl" : "nl";
  const rows = await listEntriesForExport(list.id);
  const chunks = formatPriceListCsv(
    rows.map((row) => ({ ...row, name: row.nameNl })),
    format,
  );
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const filename = `${list.code.replace(/[^A-Za-z0-9._-]/g, "_")}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
