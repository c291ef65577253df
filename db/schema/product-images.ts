import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { users } from "./companies";
import { products } from "./catalog";

/**
 * A product's photos, in the order the shop shows them (position 0 is the main image, also kept in
 * products.image_key so listings need no join). An upload is re-encoded once (lib/catalog/product-image.ts)
 * into a large JPEG for the product page and punchout/catalogue links and a WebP thumbnail for cards; the
 * original is not kept (it may carry EXIF location data). `key` is a hash of the uploaded file: URLs that
 * carry it never change meaning, so browsers may cache them forever, and the same photo uploaded twice
 * is the same image.
 */
export const productImages = pgTable(
  "product_images",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    large: bytea("large").notNull(),
    thumbnail: bytea("thumbnail").notNull(),
    /** What was uploaded: the file name (if any), its type and size, for the admin's list. */
    originalName: text("original_name"),
    originalType: text("original_type").notNull(),
    originalBytes: integer("original_bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("product_images_product_key_unique").on(t.productId, t.key),
    index("product_images_product_position_idx").on(t.productId, t.position),
    check("product_images_position_non_negative", sql`${t.position} >= 0`),
  ],
);

export type ProductImage = typeof productImages.$inferSelect;
