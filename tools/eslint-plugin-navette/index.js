// Local lint rules of the Navette code base (see CONVENTIONS.md §8.14).
import { layersRule } from './layers.js';

export default {
  meta: { name: 'eslint-plugin-navette' },
  rules: { layers: layersRule },
};
