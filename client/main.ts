import { firstPaintShown } from './app/first-paint';

// A signed-out first visit to a section shows the server's view of it before any script runs.
// The app (fetched alongside, preloaded by the page) runs once the browser has painted that view:
// running it first would hold the paint back by the time it takes to start.
void firstPaintShown().then(() => import('./app/agora-app'));
