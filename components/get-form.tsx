"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";

/**
 * A filter form (method GET) whose URL carries only the fields that were filled in: `?brand=Tork`,
 * not `?brand=Tork&a.kleur=&a.maat=&from=&to=` — shorter links to bookmark and share, and the same
 * page as the one a link without those filters opens. Navigates within the app; without JavaScript
 * it is a plain GET form (empty fields included, which the pages read as "no filter").
 */
export function GetForm({ action, children, ...rest }: { action: string; children: React.ReactNode } & Omit<React.FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit">) {
  const router = useRouter();
  // Busy until the filtered page is shown (the address bar may change before it is).
  const [navigating, startNavigation] = useTransition();
  return (
    <form
      {...rest}
      action={action}
      method="get"
      aria-busy={navigating}
      onSubmit={(event) => {
        event.preventDefault();
        const filled = new URLSearchParams();
        for (const [name, value] of new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter)) {
          if (typeof value === "string" && value.trim() !== "") filled.append(name, value);
        }
        const query = filled.toString();
        startNavigation(() => router.push(query ? `${action}?${query}` : action));
      }}
    >
      {children}
    </form>
  );
}
