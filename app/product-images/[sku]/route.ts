// GET /product-images/:sku — a generated SVG placeholder per product, served locally and cacheable.
const PALETTE = ["#0f7a5c", "#1d4ed8", "#b45309", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#334155"];

export async function GET(_request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const { sku } = await params;
  let hash = 0;
  for (const char of sku) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const color = PALETTE[hash % PALETTE.length];
  const label = sku.replace(/[^A-Za-z0-9-]/g, "").slice(0, 16);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120" role="img">
<rect width="160" height="120" rx="8" fill="${color}" fill-opacity="0.12"/>
<rect x="50" y="22" width="60" height="50" rx="6" fill="${color}" fill-opacity="0.55"/>
<rect x="${40 + (hash % 20)}" y="46" width="80" height="30" rx="6" fill="${color}" fill-opacity="0.8"/>
<text x="80" y="104" font-family="system-ui, sans-serif" font-size="12" text-anchor="middle" fill="${color}">${label}</text>
</svg>`;
  return new Response(svg, {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=86400, immutable" },
  });
}
