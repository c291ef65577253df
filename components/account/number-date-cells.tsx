import Link from "next/link";
import { dateText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The first cells of a My-account list row: the document's number as a link and its date. On a phone
 * the date goes under the number (its own column would push the amounts out of sight).
 */
export function NumberDateCells({ href, number, date, locale }: { href: string; number: string; date: Date; locale: Locale }) {
  return (
    <>
      <td className="p-3">
        <Link href={href} className="font-medium text-brand-700 underline">
          {number}
        </Link>
        <div className="text-xs text-slate-500 sm:hidden">{dateText(date, locale)}</div>
      </td>
      <td className="hidden p-3 sm:table-cell">{dateText(date, locale)}</td>
    </>
  );
}
