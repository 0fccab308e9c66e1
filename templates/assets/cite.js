// The copy button of a citation: copies the GB/T 7714 reference with today's date as 引用日期.
// Without script the button stays hidden and the reference can be selected by hand.
document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
  const source = document.querySelector(button.dataset.copy);
  const status = button.parentElement.querySelector(".copied");
  if (!source) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const text = source.textContent.trim().replace(/\. (\S+)\.$/, `[${today}]. $1.`);
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "已复制";
    } catch (error) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "已选中，请按 Ctrl+C 复制";
    }
  });
});
