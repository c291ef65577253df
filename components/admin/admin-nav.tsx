"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The staff area's main navigation; the current section is marked. */
export function AdminNav({ items, label }: { items: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label} className="bg-slate-800">
      <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(item.href) ? "page" : undefined}
              className={`inline-block px-3 py-2 text-sm ${isCurrent(item.href) ? "bg-slate-50 font-semibold text-slate-900" : "text-slate-200 hover:bg-slate-700 hover:text-white"}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
