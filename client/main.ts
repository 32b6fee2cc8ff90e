import { AgoraApp } from './app/agora-app';
import { firstPaintShown } from './app/first-paint';

// A signed-out first visit to a section shows the server's view of it before this script runs;
// the app takes the page over once the browser has painted that view.
void firstPaintShown().then(() => customElements.define('agora-app', AgoraApp));
