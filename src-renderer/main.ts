import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import App from './app/App.vue';
import { createDeskI18n } from './app/i18n';
import './app/shell/theme.css';

// zod probes for eval (new Function) to compile faster parsers; the desk's CSP forbids eval, and
// the probe would log a policy violation on every start. Parse without it.
z.config({ jitless: true });

const i18n = createDeskI18n();
// The page's lang picks the right CJK/Latin glyphs and tells screen readers the language.
document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(createPinia()).use(i18n).mount('#desk');
