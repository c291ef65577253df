import { documentSizeText } from "@/lib/catalog/product-document";
import { ActionForm, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface ProductDocumentRow {
  key: string;
  kind: string;
  language: string | null;
  title: string;
  fileName: string;
  byteSize: number;
  url: string;
  version: string | null;
  /** YYYY-MM-DD */
  revisedOn: string | null;
  /** Safety data sheets only: when it last went to the product's buyers, and whether it can go now. */
  sheet?: { status: string; sendLabel: string | null; confirm: string };
  /** Newest first; `description` already says version, revision date, when uploaded and replaced, and when sent. */
  earlierVersions: { key: string; fileName: string; url: string; byteSize: number; description: string }[];
  /** "Earlier versions (2)" */
  earlierVersionsLabel: string;
}

export interface ProductDocumentTexts {
  none: string;
  kind: string;
  language: string;
  title: string;
  titleHint: string;
  /** The page's locale, for sizes ("2,4 MB"). */
  locale: string;
  file: string;
  size: string;
  save: string;
  remove: string;
  removeConfirm: string;
  /** Removing a current version that has earlier ones: the previous one is current again. */
  removeRestoreConfirm: string;
  removeEarlierConfirm: string;
  version: string;
  versionHint: string;
  revisedOn: string;
  /** The per-document "New version" form. */
  newVersion: string;
  newVersionHint: string;
  uploadVersion: string;
  upload: string;
  uploadHint: string;
  /** The upload form's tick box: mail a new safety data sheet to the product's recent buyers. */
  notify: string;
  sent: string;
  kinds: { value: string; label: string }[];
  /** First the "every language" choice (value ""). */
  languages: { value: string; label: string }[];
  /** The outcome of the last upload (from the redirect), already translated. */
  outcome: { tone: "ok" | "error"; text: string } | null;
}


function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}

function Select({ name, value, options, label }: { name: string; value: string; options: { value: string; label: string }[]; label: string }) {
  return (
    <select name={name} defaultValue={value} aria-label={label} className={inputClass}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A product's documents on its admin page: each with what it is (kind, language, title — editable in
 * place) and its file, and the upload form (a plain multipart post to /admin/products/:sku/documents,
 * which redirects back here with the outcome).
 */
export function ProductDocuments({
  sku,
  documents,
  texts,
  updateAction,
  deleteAction,
  sendSheetAction,
}: {
  sku: string;
  documents: ProductDocumentRow[];
  texts: ProductDocumentTexts;
  updateAction: FormAction;
  deleteAction: FormAction;
  sendSheetAction: FormAction;
}) {
  const hidden = (key: string) => (
    <>
      <input type="hidden" name="sku" value={sku} />
      <input type="hidden" name="key" value={key} />
    </>
  );
  return (
    <div className="space-y-4" data-testid="product-documents">
      {texts.outcome && (
        <p
          role={texts.outcome.tone === "error" ? "alert" : "status"}
          className={`rounded-md px-3 py-2 text-sm ${texts.outcome.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
          data-testid="document-outcome"
        >
          {texts.outcome.text}
        </p>
      )}
      {documents.length === 0 ? (
        <p className="text-sm text-slate-600">{texts.none}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {documents.map((document) => (
            <li key={document.key} className="space-y-2 p-3" data-testid="product-document-item" data-key={document.key}>
              <p className="text-sm">
                <a href={document.url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
                  {document.fileName}
                </a>{" "}
                <span className="text-xs text-slate-500">
                  {texts.size} {documentSizeText(document.byteSize, texts.locale)}
                </span>
              </p>
              <ActionForm action={updateAction} submitLabel={texts.save} variant="secondary" className="grid items-end gap-2 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_2fr_6rem_9rem_auto]">
                {hidden(document.key)}
                <Select name="kind" value={document.kind} options={texts.kinds} label={texts.kind} />
                <Select name="language" value={document.language ?? ""} options={texts.languages} label={texts.language} />
                <input name="title" defaultValue={document.title} maxLength={120} aria-label={texts.title} className={inputClass} />
                <input name="version" defaultValue={document.version ?? ""} maxLength={20} aria-label={texts.version} placeholder={texts.versionHint} className={inputClass} data-testid="document-version" />
                <input type="date" name="revisedOn" defaultValue={document.revisedOn ?? ""} aria-label={texts.revisedOn} className={inputClass} data-testid="document-revised-on" />
              </ActionForm>
              {document.sheet && (
                <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="sheet-notices">
                  <span className="text-slate-600">{document.sheet.status}</span>
                  {document.sheet.sendLabel && (
                    <ActionForm action={sendSheetAction} submitLabel={document.sheet.sendLabel} variant="secondary" inline className="inline" confirm={document.sheet.confirm} successMessage={texts.sent}>
                      {hidden(document.key)}
                    </ActionForm>
                  )}
                </div>
              )}
              <details className="text-sm" data-testid="document-new-version">
                <summary className="cursor-pointer text-brand-700 underline">{texts.newVersion}</summary>
                <form
                  method="post"
                  action={`/admin/products/${encodeURIComponent(sku)}/documents`}
                  encType="multipart/form-data"
                  className="mt-2 grid items-end gap-2 sm:grid-cols-2 lg:grid-cols-[2fr_6rem_9rem_auto]"
                >
                  <input type="hidden" name="replaces" value={document.key} />
                  <Labeled label={texts.file}>
                    <input type="file" name="document" required accept="application/pdf,.pdf" className="text-sm" data-testid="document-version-input" />
                  </Labeled>
                  <Labeled label={texts.version}>
                    <input name="version" maxLength={20} placeholder={texts.versionHint} className={inputClass} data-testid="document-version-new" />
                  </Labeled>
                  <Labeled label={texts.revisedOn}>
                    <input type="date" name="revisedOn" className={inputClass} data-testid="document-revised-on-new" />
                  </Labeled>
                  <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                    {texts.uploadVersion}
                  </button>
                  {document.kind === "safety_data_sheet" && (
                    <label className="flex items-start gap-2 text-sm sm:col-span-2 lg:col-span-4">
                      <input type="checkbox" name="notify" className="mt-1" data-testid="document-version-notify" />
                      <span>{texts.notify}</span>
                    </label>
                  )}
                  <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-4">{texts.newVersionHint}</p>
                </form>
              </details>
              {document.earlierVersions.length > 0 && (
                <details className="text-sm" data-testid="document-earlier-versions">
                  <summary className="cursor-pointer text-slate-700">{document.earlierVersionsLabel}</summary>
                  <ul className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3">
                    {document.earlierVersions.map((earlier) => (
                      <li key={earlier.key} data-testid="document-earlier-version" data-key={earlier.key}>
                        <a href={earlier.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                          {earlier.fileName}
                        </a>{" "}
                        <span className="text-xs text-slate-500">
                          {earlier.description} · {documentSizeText(earlier.byteSize, texts.locale)}
                        </span>{" "}
                        <ActionForm action={deleteAction} submitLabel={texts.remove} variant="link" inline className="inline" confirm={texts.removeEarlierConfirm}>
                          {hidden(earlier.key)}
                        </ActionForm>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <ActionForm
                action={deleteAction}
                submitLabel={texts.remove}
                variant="link"
                inline
                className="inline"
                confirm={document.earlierVersions.length > 0 ? texts.removeRestoreConfirm : texts.removeConfirm}
              >
                {hidden(document.key)}
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <form
        method="post"
        action={`/admin/products/${encodeURIComponent(sku)}/documents`}
        encType="multipart/form-data"
        className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_2fr_6rem_9rem_auto]"
      >
        <Labeled label={texts.file}>
          <input type="file" name="document" required accept="application/pdf,.pdf" className="text-sm" data-testid="document-input" />
        </Labeled>
        <Labeled label={texts.kind}>
          <Select name="kind" value="datasheet" options={texts.kinds} label={texts.kind} />
        </Labeled>
        <Labeled label={texts.language}>
          <Select name="language" value="" options={texts.languages} label={texts.language} />
        </Labeled>
        <Labeled label={texts.title}>
          <input name="title" maxLength={120} placeholder={texts.titleHint} className={inputClass} data-testid="document-title" />
        </Labeled>
        <Labeled label={texts.version}>
          <input name="version" maxLength={20} placeholder={texts.versionHint} className={inputClass} />
        </Labeled>
        <Labeled label={texts.revisedOn}>
          <input type="date" name="revisedOn" className={inputClass} />
        </Labeled>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {texts.upload}
        </button>
        <label className="flex items-start gap-2 text-sm sm:col-span-2 lg:col-span-7">
          <input type="checkbox" name="notify" className="mt-1" data-testid="document-notify" />
          <span>{texts.notify}</span>
        </label>
        <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-7">{texts.uploadHint}</p>
      </form>
    </div>
  );
}
