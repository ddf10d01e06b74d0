// The image library's picker, opened by the rich-text editor's "Browse…": clicking a picture
// hands its reference back to the editor that opened this window (django-prose-editor speaks
// the CKEditor file-browser protocol) and closes the window.
const list = document.querySelector(".image-chooser");
const opener = window.opener;
if (list && opener && opener.CKEDITOR) {
  list.addEventListener("click", (event) => {
    const button = event.target.closest(".image-chooser__button");
    if (!button) return;
    opener.CKEDITOR.tools.callFunction(list.dataset.funcNum, button.dataset.url, {
      id: button.dataset.id,
      alternative_text: button.dataset.alt,
      caption: button.dataset.caption,
    });
    window.close();
  });
}
