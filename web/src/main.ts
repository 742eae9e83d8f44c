import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { createAppI18n, persistLocale, storedLocale } from './i18n'

const locale = storedLocale()
persistLocale(locale)
const app = createApp(App)
app.use(createAppI18n(locale))
app.use(createAppRouter())
app.mount('#app')
