import { ActionForm, type FormAction } from "./action-form";

/**
 * Up / Down for a row of an ordered list (categories among their siblings, attribute definitions):
 * each posts `<field>=<value>` and `direction` to the list's move action; the first row has no Up,
 * the last no Down.
 */
export function MoveButtons({
  action,
  field,
  value,
  first,
  last,
  labels,
}: {
  action: FormAction;
  field: string;
  value: string;
  first: boolean;
  last: boolean;
  labels: { up: string; down: string };
}) {
  const move = (direction: "up" | "down") => (
    <ActionForm action={action} submitLabel={labels[direction]} variant="link" inline className="inline">
      <input type="hidden" name={field} value={value} />
      <input type="hidden" name="direction" value={direction} />
    </ActionForm>
  );
  return (
    <span className="inline-flex gap-3">
      {!first && move("up")}
      {!last && move("down")}
    </span>
  );
}
