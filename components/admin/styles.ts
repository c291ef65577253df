/** Shared class names of the admin forms (a plain module: usable from server and client components). */
export const inputBase = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600";
export const inputClass = `w-full ${inputBase}`;
