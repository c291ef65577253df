"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { mirroredFields } from "./mirrored-fields";

interface FieldLabels {
  label: string;
  placeholder: string;
}

/**
 * The header has its search form twice, one copy shown per width (site-header.tsx). Both fields show
 * one text, so what was typed on a phone is still there when the screen turns (or a window widens)
 * past the breakpoint and the other copy becomes the visible one.
 */
const headerSearchFields = mirroredFields<HTMLInputElement>();

/** The search field itself (also the Suspense fallback: the query it was handed, if any). */
export function SearchField({ value, label, placeholder }: FieldLabels & { value?: string }) {
  return (
    <input
      type="search"
      name="q"
      defaultValue={value}
      ref={headerSearchFields.join}
      onChange={(event) => headerSearchFields.typedIn(event.currentTarget)}
      aria-label={label}
      placeholder={placeholder}
      className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
    />
  );
}

/**
 * The header's search field. On the results page it holds the query searched for, so the buyer can
 * correct a typo in place; elsewhere it starts empty. The layout cannot read the search parameters,
 * this client component can – also in the server render, so the field is filled without JavaScript too.
 */
export function HeaderSearchInput(labels: FieldLabels) {
  const pathname = usePathname();
  const query = useSearchParams().get("q");
  const value = pathname === "/search" ? (query ?? "") : "";
  // Keyed on the query: a new search (or leaving the results page) shows the new value, not what was typed before.
  return <SearchField key={value} value={value} {...labels} />;
}
