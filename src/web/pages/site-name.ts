/** The site's name, as every page title, feed and the static export's script say it. */
export const SITE_NAME = "HP Advantageplus よくあるご質問";
