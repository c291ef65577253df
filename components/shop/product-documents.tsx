export interface ShopDocumentLink {
  key: string;
  href: string;
  title: string;
  /** "Veiligheidsinformatieblad (VIB)"; with the language when it is not the reader's ("· Engels"). */
  description: string;
  size: string;
}

/**
 * A product's documents on its shop page: datasheets, safety data sheets, manuals, certificates —
 * each a PDF opened in a new tab (also from inside a procurement system's frame).
 */
export function ProductDocumentList({ title, documents }: { title: string; documents: ShopDocumentLink[] }) {
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="product-documents-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="product-documents">
      <h2 id="product-documents-title" className="mb-2 text-sm font-semibold text-slate-800">
        {title}
      </h2>
      <ul className="space-y-2 text-sm">
        {documents.map((document) => (
          <li key={document.key} className="flex items-start gap-2" data-testid="product-document">
            <span aria-hidden="true" className="mt-0.5 rounded bg-red-50 px-1 text-[10px] font-bold text-red-700">
              PDF
            </span>
            <span>
              <a href={document.href} target="_blank" rel="noopener" className="font-medium text-brand-700 underline hover:text-brand-900">
                {document.title}
              </a>
              <span className="block text-xs text-slate-500">
                {document.description} · {document.size}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
