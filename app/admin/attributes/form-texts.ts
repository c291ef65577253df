import "server-only";
import { getTranslations } from "next-intl/server";
import type { AttributeFormTexts } from "@/components/admin/attribute-form";

/** The attribute forms' words in the page's language, handed to the client forms as props. */
export async function attributeFormTexts(): Promise<AttributeFormTexts> {
  const t = await getTranslations("attributesAdmin.form");
  const keys = ["key", "keyHint", "nameNl", "nameEn", "nameEnHint", "filterable", "filterableHint", "valueLabels", "valueLabelsHint", "create", "save", "saved", "notSaved", "delete", "deleteConfirm"] as const;
  const errors = ["attribute_not_found", "not_found", "invalid_input", "generic"] as const;
  return {
    ...(Object.fromEntries(keys.map((key) => [key, t(key)])) as Omit<AttributeFormTexts, "errors">),
    errors: Object.fromEntries(errors.map((key) => [key, t(`errors.${key}`)])),
  };
}
