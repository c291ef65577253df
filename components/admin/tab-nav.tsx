"use client";

import { usePathname } from "next/navigation";
import { LinkTabs } from "./tabs";

/** Sub-navigation of a customer or price list; the tab matching the current path is marked. */
export function TabNav({ items, label }: { items: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return <LinkTabs label={label} items={items.map((item) => ({ ...item, current: pathname === item.href }))} />;
}
