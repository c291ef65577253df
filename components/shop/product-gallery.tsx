"use client";

import { useState } from "react";

export interface GalleryImage {
  large: string;
  thumbnail: string;
  width: number;
  height: number;
}

/**
 * The product page's photos: the main one large, the others as thumbnails that show it large when
 * chosen. Without photos the page passes the placeholder alone.
 */
export function ProductGallery({ images, alt, labels }: { images: GalleryImage[]; alt: string; labels: { show: string } }) {
  const [shown, setShown] = useState(0);
  const current = images[shown] ?? images[0];
  if (!current) return null;
  return (
    <div>
      {/* eslint-disable-next-line @next/next/no-img-element -- sized JPEG already (lib/catalog/product-image.ts) */}
      <img src={current.large} alt={alt} width={current.width} height={current.height} className="mx-auto h-auto max-h-[28rem] w-full max-w-md object-contain" data-testid="product-photo" />
      {images.length > 1 && (
        <ul className="mt-4 flex flex-wrap justify-center gap-2">
          {images.map((image, index) => (
            <li key={image.large}>
              <button
                type="button"
                onClick={() => setShown(index)}
                aria-label={`${labels.show} ${index + 1}`}
                aria-pressed={index === shown}
                className={`rounded border p-1 ${index === shown ? "border-brand-600 ring-2 ring-brand-200" : "border-slate-200 hover:border-slate-400"}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnail WebP */}
                <img src={image.thumbnail} alt="" width={80} height={60} className="h-14 w-20 object-contain" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
