// The book's navigation beside a page scrolls (within itself) to the page's place in it: on an entry late in
// the book, the open category and its sections would otherwise sit below the sidebar's fold. Only the sidebar
// moves, never the page.
const nav = document.querySelector(".book-nav");
const here = nav && (nav.querySelector('[aria-current="page"]') || [...nav.querySelectorAll("a.trail")].pop());
if (nav && here && nav.scrollHeight > nav.clientHeight) {
  const top = here.getBoundingClientRect().top - nav.getBoundingClientRect().top + nav.scrollTop;
  nav.scrollTop = Math.max(0, top - nav.clientHeight / 3);
}
