import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './app/App.vue';
import { createDeskI18n } from './app/i18n';
import './app/shell/theme.css';

const i18n = createDeskI18n();
// The page's lang picks the right CJK/Latin glyphs and tells screen readers the language.
document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(createPinia()).use(i18n).mount('#desk');
