// Starts Pagefind's search UI on the search page (a file, not inline: the CSP forbids inline scripts).
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
});
