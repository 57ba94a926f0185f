// Element Plus ships plain CSS files: bundled into our own stylesheet, nothing is injected at runtime, so the
// api's strict `style-src 'self'` holds. Only the styles of the components the app uses are imported.
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/menu/style/css';
import 'element-plus/es/components/menu-item/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/select/style/css';
