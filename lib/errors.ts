export type AppErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "invalid_input"
  | "conflict"
  | "quantity_rule"
  | "cart_empty";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  invalid_input: 400,
  conflict: 409,
  quantity_rule: 422,
  cart_empty: 422,
};

/** An expected failure with a code that every transport (JSON, form state, cXML Status) can translate. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
