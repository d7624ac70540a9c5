// The page script, bundled by esbuild into the fingerprinted /assets/js/site.<hash>.js. Progressive
// enhancement only: every link and form works without it.
import { reportResultClicks } from "./beacon.js";
import { enableCopyLinks, lowerCaseNotFoundPath } from "./copy-link.js";
import { enableFeedbackWidget } from "./feedback-widget.js";
import { enableSearchAsYouType } from "./search-as-you-type.js";

lowerCaseNotFoundPath();
enableCopyLinks();
enableFeedbackWidget();
reportResultClicks();
enableSearchAsYouType();
