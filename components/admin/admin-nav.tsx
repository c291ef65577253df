"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface AdminNavItem {
  href: string;
  label: string;
  /** Work waiting in that section (e.g. open quote requests): the number is shown, `label` is read out instead. */
  badge?: { count: number; label: string };
}

/** The staff area's main navigation; the current section is marked. */
export function AdminNav({ items, label }: { items: AdminNavItem[]; label: string }) {
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
              {item.badge && item.badge.count > 0 && (
                <span className="ml-1.5 inline-block min-w-5 rounded-full bg-amber-400 px-1.5 text-center text-xs font-semibold text-slate-900" data-testid="nav-badge">
                  <span aria-hidden="true">{item.badge.count}</span>
                  <span className="sr-only">, {item.badge.label}</span>
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
