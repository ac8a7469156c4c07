/** Texts of the case detail and its actions (the `caseDetail` namespace), in both languages. */
export const caseDetailMessages = {
  zh: {},
  en: {},
};
