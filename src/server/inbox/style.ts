/**
 * The inbox's one style sheet (served from /inbox/style.css: the pages' CSP allows styles from
 * this server only). GOV.UK-like: system font, high contrast, a visible yellow focus ring.
 */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.1875rem/1.4 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#0b0c0c;background:#fff}
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1.5rem;background:#0b0c0c;color:#fff}
header{flex-wrap:wrap;gap:.5rem 1.5rem}
header .service{margin:0;font-weight:700}
header nav ul{display:flex;flex-wrap:wrap;gap:0 1.5rem;list-style:none;margin:0;padding:0}
header nav a,header nav a:visited{color:#fff}header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{display:block;max-width:70rem;margin:0 auto;padding:1.5rem}
h1{font-size:2rem;margin:0 0 1.5rem}h2{font-size:1.5rem;margin:2rem 0 1rem}
a{color:#1d70b8}a:visited{color:#4c2c92}
a:focus,button:focus,input:focus,select:focus,main:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
main:focus:not(:focus-visible){outline:none;box-shadow:none}
.skip{position:absolute;left:-9999px}.skip:focus{position:static;display:inline-block;padding:.5rem;background:#fd0;color:#0b0c0c}
label{display:block;font-weight:700;margin-bottom:.25rem}
input,select{font:inherit;padding:.3rem;border:2px solid #0b0c0c;min-width:12rem;margin-bottom:1rem}
button{font:inherit;font-weight:700;padding:.5rem 1rem;border:0;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer}
button.link{background:none;box-shadow:none;color:#fff;text-decoration:underline;font-weight:400}
.filters{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end;padding:1rem;background:#f3f2f1}
.filters h2{flex-basis:100%;margin-top:0}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:700;margin-bottom:.5rem}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
code,pre{font-family:ui-monospace,Consolas,monospace;font-size:1rem}
code.url{overflow-wrap:anywhere;word-break:break-all}
pre{background:#f3f2f1;padding:1rem;overflow-x:auto}
dl{display:grid;grid-template-columns:minmax(10rem,max-content) 1fr;gap:.5rem 1.5rem}dt{font-weight:700}dd{margin:0;overflow-wrap:anywhere}
.tag{color:#942514}
.warning{border-left:10px solid #d4351c;padding:.5rem 1rem;margin-bottom:1.5rem}
.warning h2{margin-top:0}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:1.5rem}.error-summary h2{margin-top:0}
.error{color:#d4351c;font-weight:700}
.hint{color:#505a5f;margin:0 0 .25rem;max-width:20rem}
.notice{border-left:10px solid #1d70b8;padding:.5rem 1rem}
.secondary{color:#505a5f}
th[scope=row]{font-weight:400}
table{margin-bottom:1.5rem}table.summary{width:auto;min-width:24rem}
`;
