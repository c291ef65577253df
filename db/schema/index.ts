export * from "./companies";
export * from "./catalog";
export * from "./pricing";
export * from "./orders";
export * from "./punchout";
export * from "./admin";
export * from "./account";
export * from "./purchase-orders";
