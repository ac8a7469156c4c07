/** Texts of the queues (the `queue` namespace), in both languages. */
export const queueMessages = {
  zh: {},
  en: {},
};
