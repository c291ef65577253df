"use client";

/**
 * "Naar inhoud": to <main>, or, where the page marks its own content inside it (`data-skip-target`,
 * with tabIndex -1), there — past the ten links of the account menu, which come first in every account
 * page's <main>. The browser follows #main by itself (also before hydration); only a marked target
 * needs the focus moved by hand.
 */
export function SkipLink({ label, className }: { label: string; className: string }) {
  const skip = (event: React.MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById("main")?.querySelector<HTMLElement>("[data-skip-target]");
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <a href="#main" onClick={skip} className={className}>
      {label}
    </a>
  );
}
