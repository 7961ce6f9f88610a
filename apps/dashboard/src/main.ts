import './styles.css';
import './app';
import { lang } from './i18n';

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
