"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Side navigation of "My account"; the current section is marked for assistive technology too. */
export function AccountNav({ label, items }: { label: string; items: { href: string; label: string; badge?: number }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="text-sm">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const current = item.href === "/account" ? pathname === "/account" : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 ${current ? "bg-brand-50 font-medium text-brand-800" : "hover:bg-slate-100"}`}
              >
                {item.label}
                {item.badge ? <span className="rounded-full bg-amber-500 px-2 text-xs text-white">{item.badge}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
