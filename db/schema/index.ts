export * from "./companies";
export * from "./catalog";
export * from "./pricing";
export * from "./orders";
export * from "./punchout";
