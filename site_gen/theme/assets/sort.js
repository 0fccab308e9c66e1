// Sort a table.sortable by a column when its header is clicked (again: reverse). Without script the
// table stays in date order, as printed by the build.
document.querySelectorAll("table.sortable").forEach((table) => {
  table.querySelectorAll("th[data-sort]").forEach((th, column) => {
    th.tabIndex = 0;
    th.style.cursor = "pointer";
    const sort = () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const key = (row) => { const cell = row.cells[column]; return cell.dataset.key || cell.textContent; };
      const rows = Array.from(body.rows).sort((a, b) => key(a).localeCompare(key(b), "zh-CN", { numeric: true }));
      if (!ascending) rows.reverse();
      rows.forEach((row) => body.appendChild(row));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
  });
});
