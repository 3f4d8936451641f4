/** exceljs's built-in number format table (CommonJS, no types of its own). */
declare module "exceljs/lib/xlsx/defaultnumformats" {
  const table: Readonly<Record<string, { readonly f?: string }>>;
  export default table;
}
