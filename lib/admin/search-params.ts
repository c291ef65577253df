import { z } from "zod";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each search parameter, parsed leniently: bad values fall back to defaults. */
export function parseSearchParams<S extends z.ZodType>(schema: S, raw: RawSearchParams): z.infer<S> {
  const flat = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return schema.parse(flat);
}

export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
export const queryParam = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

/** Builds "?a=1&b=2" from defined values (for pagination and filter links). */
export function toQueryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
