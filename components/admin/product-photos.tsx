import { addProductPhotosFromUrlsAction } from "@/app/admin/products/[sku]/photos/actions";
import { MAX_FILES_PER_UPLOAD } from "@/lib/admin/product-images";
import { ActionForm, type FormAction } from "./action-form";
import { ProductPhotoUrlForm } from "./product-photo-url-form";

export interface ProductPhotoView {
  key: string;
  position: number;
  width: number;
  height: number;
  thumbnailUrl: string;
  url: string;
  originalName: string | null;
  originalBytes: number;
}

export interface ProductPhotoTexts {
  none: string;
  main: string;
  makeMain: string;
  earlier: string;
  later: string;
  remove: string;
  removeConfirm: string;
  upload: string;
  uploadHint: string;
  choose: string;
  /** The outcome of the last upload (from the redirect), already translated. */
  outcome: { tone: "ok" | "error"; text: string } | null;
}

/**
 * A product's photos on its admin page: the main one first, each with its size and the buttons to
 * reorder or remove it, the upload form (a plain multipart post to /admin/products/:sku/photos,
 * which redirects back here with the outcome) and "Add photo from URL" (a server action).
 */
export function ProductPhotos({
  sku,
  photos,
  texts,
  accept,
  moveAction,
  deleteAction,
}: {
  sku: string;
  photos: ProductPhotoView[];
  texts: ProductPhotoTexts;
  accept: string;
  moveAction: FormAction;
  deleteAction: FormAction;
}) {
  const hidden = (key: string) => (
    <>
      <input type="hidden" name="sku" value={sku} />
      <input type="hidden" name="key" value={key} />
    </>
  );
  return (
    <div className="space-y-4" data-testid="product-photos">
      {texts.outcome && (
        <p role={texts.outcome.tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${texts.outcome.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`} data-testid="photo-outcome">
          {texts.outcome.text}
        </p>
      )}
      {photos.length === 0 ? (
        <p className="text-sm text-slate-600">{texts.none}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {photos.map((photo, index) => (
            <li key={photo.key} className="rounded-md border border-slate-200 p-3" data-testid="product-photo-item" data-key={photo.key}>
              <a href={photo.url} target="_blank" rel="noreferrer">
                {/* eslint-disable-next-line @next/next/no-img-element -- a stored WebP thumbnail */}
                <img src={photo.thumbnailUrl} alt="" width={160} height={120} className="mx-auto h-28 w-auto object-contain" />
              </a>
              <p className="mt-2 truncate text-xs text-slate-600" title={photo.originalName ?? undefined}>
                {index === 0 && <span className="mr-1 rounded bg-brand-50 px-1.5 py-0.5 font-medium text-brand-800">{texts.main}</span>}
                {photo.width} × {photo.height} · {Math.max(1, Math.round(photo.originalBytes / 1024))} kB {photo.originalName && `· ${photo.originalName}`}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                {index > 0 && (
                  <ActionForm action={moveAction} submitLabel={texts.makeMain} variant="link" inline className="inline">
                    {hidden(photo.key)}
                    <input type="hidden" name="position" value="0" />
                  </ActionForm>
                )}
                {index > 1 && (
                  <ActionForm action={moveAction} submitLabel={texts.earlier} variant="link" inline className="inline">
                    {hidden(photo.key)}
                    <input type="hidden" name="position" value={index - 1} />
                  </ActionForm>
                )}
                {index < photos.length - 1 && (
                  <ActionForm action={moveAction} submitLabel={texts.later} variant="link" inline className="inline">
                    {hidden(photo.key)}
                    <input type="hidden" name="position" value={index + 1} />
                  </ActionForm>
                )}
                <ActionForm action={deleteAction} submitLabel={texts.remove} variant="link" inline className="inline" confirm={texts.removeConfirm}>
                  {hidden(photo.key)}
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/admin/products/${encodeURIComponent(sku)}/photos`} encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{texts.choose}</span>
          <input type="file" name="photos" multiple required accept={accept} className="text-sm" data-testid="photo-input" />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {texts.upload}
        </button>
        <p className="w-full text-xs text-slate-500">{texts.uploadHint}</p>
      </form>
      <ProductPhotoUrlForm sku={sku} action={addProductPhotosFromUrlsAction} max={MAX_FILES_PER_UPLOAD} />
    </div>
  );
}
