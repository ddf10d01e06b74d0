"""The image library: uploads checked by content, renditions without metadata, and images on
pages, statements, partners and in the header."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage
from pytest_django.asserts import assertContains

from images.bench import create_images
from images.forms import ImageAdminForm
from images.models import Image
from images.processing import RENDITIONS_FOLDER
from partnership.models import Page, PressStatement, SiteSettings
from partnership.rich_text import sanitise

from .factories import (
    ImageFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    SiteSettingsFactory,
)
from .helpers import nu_errors

pytestmark = pytest.mark.django_db

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (52.0, 24.0, 54.0),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (1.0, 46.0, 48.0),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in Path(media).rglob("*") if p.is_file())


def photo(size=(2400, 1600), fmt="JPEG", exif=None, mode="RGB"):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PILImage.new(mode, size, (200, 120, 40)[: len(mode)] if mode != "P" else 1).save(
        buffer, format=fmt, **options
    )
    return buffer.getvalue()


def phone_photo():
    """A JPEG as a phone takes it: where it was taken, and sideways (EXIF orientation 6)."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return photo(size=(1600, 1200), exif=exif)


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def upload(client, content, name="photo.jpg", content_type="image/jpeg", **fields):
    data = {
        "title": "Family in the park",
        "alt_text": "A family walking together in a park",
        "caption": "",
        "credit": "",
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    } | fields
    return client.post(reverse("admin:images_image_add"), data)


def errors_of(response, field):
    form = response.context["adminform"].form
    return form.errors.get(field, [])


class TestUpload:
    def test_an_editor_uploads_a_phone_photo_and_its_location_never_reaches_the_public(
        self, editor_client, media
    ):
        response = upload(editor_client, phone_photo())
        assert response.status_code == 302, response.content
        image = Image.objects.get()
        # Turned upright by its EXIF orientation: 1600 x 1200 sideways is 1200 x 1600.
        assert (image.width, image.height) == (1200, 1600)
        renditions = image.get_renditions()
        assert renditions
        for rendition in renditions:
            with default_storage.open(rendition.name) as file:
                data = file.read()
            served = PILImage.open(io.BytesIO(data))
            exif = served.getexif()
            assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
            assert ExifTags.Base.Make not in exif and ExifTags.Base.Orientation not in exif
            assert b"PhoneMaker" not in data
            assert "icc_profile" not in served.info and "exif" not in served.info
            assert served.height > served.width  # upright, not sideways

    def test_renditions_are_never_wider_than_the_original(self):
        narrow = ImageFactory(size=(700, 350))
        wide = ImageFactory(size=(2400, 1600))
        assert sorted({r.width for r in narrow.get_renditions()}) == [320, 640, 700]
        assert sorted({r.width for r in wide.get_renditions()}) == [320, 640, 960, 1280, 1920]
        assert {(r.width, r.height) for r in wide.get_renditions() if r.width == 1920} == {
            (1920, 1280)
        }

    @pytest.mark.parametrize(
        ("content", "name", "content_type"),
        [
            (b"MZ\x90\x00 an executable pretending", "photo.jpg", "image/jpeg"),
            (
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                "logo.png",
                "image/png",
            ),
            (photo(fmt="GIF", mode="P"), "animation.jpg", "image/jpeg"),
            (photo(fmt="TIFF"), "scan.webp", "image/webp"),
            (photo()[:2000], "truncated.jpg", "image/jpeg"),
        ],
        ids=["executable", "svg", "gif", "tiff", "truncated"],
    )
    def test_a_file_that_is_not_a_jpeg_png_or_webp_is_refused_beside_the_field(
        self, editor_client, media, content, name, content_type
    ):
        response = upload(editor_client, content, name=name, content_type=content_type)
        assert response.status_code == 200
        assert errors_of(response, "file"), "refused beside the file field"
        assert Image.objects.count() == 0
        assert stored_files(media) == []

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
    def test_jpeg_png_and_webp_are_accepted_whatever_their_name(self, editor_client, fmt):
        response = upload(editor_client, photo(size=(500, 300), fmt=fmt), name="no-extension")
        assert response.status_code == 302
        assert Image.objects.get().source_format == fmt

    def test_a_decompression_bomb_is_refused_before_it_is_decoded(self, editor_client, media):
        bomb = png_claiming(40_000, 40_000)
        assert len(bomb) < 2000
        response = upload(editor_client, bomb, name="bomb.png", content_type="image/png")
        assert response.status_code == 200
        assert "more pixels than we can safely process" in " ".join(errors_of(response, "file"))
        assert Image.objects.count() == 0 and stored_files(media) == []

    def test_the_pixel_limit_is_a_setting(self, editor_client, settings):
        settings.IMAGE_MAX_PIXELS = 100_000
        response = upload(editor_client, photo(size=(400, 300)))
        assert "400 × 300 pixels" in " ".join(errors_of(response, "file"))
        settings.IMAGE_MAX_PIXELS = 120_000
        assert upload(editor_client, photo(size=(400, 300))).status_code == 302

    def test_an_oversized_upload_is_refused_beside_the_field_and_never_held_in_memory(
        self, editor_client, media, monkeypatch
    ):
        seen = []
        original = ImageAdminForm.clean_file

        def spy(form):
            seen.append(type(form.cleaned_data["file"]))
            return original(form)

        monkeypatch.setattr(ImageAdminForm, "clean_file", spy)
        # Over the image limit, under the admin's body limit: the form explains.
        big = photo(size=(64, 64)) + b"\x00" * (15 * 1024 * 1024)
        response = upload(editor_client, big)
        assert response.status_code == 200
        assert "the largest image we accept is 10 MB" in " ".join(errors_of(response, "file"))
        assert seen == [TemporaryUploadedFile]  # streamed to disk, not read into memory
        assert Image.objects.count() == 0 and stored_files(media) == []

    def test_a_50_mb_upload_gets_the_too_large_page_before_it_is_read(self, editor_client, media):
        response = upload(editor_client, photo(size=(64, 64)) + b"\x00" * (50 * 1024 * 1024))
        assert response.status_code == 413
        assert Image.objects.count() == 0 and stored_files(media) == []


class TestAlternativeText:
    def test_alt_text_is_required_unless_decorative(self, editor_client, media):
        response = upload(editor_client, photo(), alt_text="")
        assert "Describe what the picture shows" in " ".join(errors_of(response, "alt_text"))
        assert Image.objects.count() == 0 and stored_files(media) == []
        response = upload(editor_client, photo(), alt_text="", decorative="on")
        assert response.status_code == 302
        assert Image.objects.get().alt == ""

    def test_a_decorative_picture_with_alt_text_is_refused(self, editor_client):
        response = upload(editor_client, photo(), decorative="on")
        assert errors_of(response, "alt_text")

    def test_the_database_refuses_an_image_with_neither(self):
        image = ImageFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Image.objects.filter(pk=image.pk).update(alt_text="")


class TestServing:
    def test_pages_show_renditions_with_srcset_sizes_width_and_height(self, client):
        SiteSettingsFactory()
        image = ImageFactory(
            size=(2400, 1600), caption="Our annual conference", credit="Photo: A N Other"
        )
        page = PageFactory(lead_image=image)
        html = client.get(page.get_absolute_url()).content.decode()
        img = re.search(r"<figure class=\"figure\">\s*<picture>.*?<img ([^>]*)>", html, re.S)
        assert img, html
        attributes = dict(re.findall(r'([a-z-]+)="([^"]*)"', img.group(1)))
        assert attributes["width"] == "1920" and attributes["height"] == "1280"
        assert attributes["alt"] == image.alt_text
        widths = re.findall(r" (\d+)w", attributes["srcset"])
        assert widths == ["320", "640", "960", "1280", "1920"]
        assert attributes["sizes"]
        assert "loading" not in attributes  # the lead image is above the fold
        assert "Our annual conference" in html and "Photo: A N Other" in html

    def test_webp_is_offered_only_where_it_is_smaller(self):
        image = ImageFactory(size=(1000, 667))
        by_width = {}
        for rendition in image.get_renditions():
            with default_storage.open(rendition.name) as file:
                by_width.setdefault(rendition.width, {})[rendition.format] = len(file.read())
        for sizes in by_width.values():
            assert "jpg" in sizes
            if "webp" in sizes:
                assert sizes["webp"] < sizes["jpg"]

    def test_a_rendition_is_served_for_ever_with_a_safe_type(self, client):
        rendition = ImageFactory().get_renditions()[0]
        url = reverse("images:rendition", args=[rendition.name.removeprefix(RENDITIONS_FOLDER)])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == rendition.content_type
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]

    def test_the_original_upload_is_never_served(self, client):
        SiteSettingsFactory()
        image = ImageFactory()
        page = PageFactory(lead_image=image)
        original = Path(image.file.name)
        assert original.parts[:2] == ("images", "originals")
        assert original.name not in client.get(page.get_absolute_url()).content.decode()
        for name in (original.name, f"..%2Foriginals%2F{original.name}", "../originals/x.jpg"):
            assert client.get(f"/images/{name}").status_code == 404

    def test_replacing_and_deleting_an_image_removes_its_files(
        self, editor_client, media, django_capture_on_commit_callbacks
    ):
        image = ImageFactory()
        old = stored_files(media)
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                reverse("admin:images_image_change", args=[image.pk]),
                {
                    "title": image.title,
                    "alt_text": image.alt_text,
                    "caption": "",
                    "credit": "",
                    "file": SimpleUploadedFile("new.png", photo(size=(800, 600), fmt="PNG")),
                },
            )
        assert response.status_code == 302
        new = stored_files(media)
        assert new and not set(old) & set(new)
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(
                reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"}
            )
        assert not Image.objects.exists()
        assert stored_files(media) == []


class TestRichText:
    def test_a_reference_is_rendered_with_the_librarys_alt_text_and_renditions(self, client):
        SiteSettingsFactory()
        image = ImageFactory(alt_text="Two social workers talking", credit="Photo: Council")
        statement = PressStatementFactory(
            body=f'<p>Before.</p><figure class="figure"><img src="/anything/" alt="wrong" '
            f'data-file="{image.pk}"><figcaption>At the office</figcaption></figure><p>After.</p>'
        )
        html = client.get(statement.get_absolute_url()).content.decode()
        img = re.search(r"<picture>.*?<img ([^>]*)>", html, re.S).group(1)
        assert 'alt="Two social workers talking"' in img
        assert 'loading="lazy"' in img and 'width="1000"' in img and 'height="667"' in img
        assert "wrong" not in html
        assert "At the office" in html and "Photo: Council" in html

    def test_a_deleted_image_leaves_the_text_around_it_intact(self, client):
        SiteSettingsFactory()
        page = PageFactory(
            body='<p>Before.</p><figure class="figure"><img data-file="999999">'
            "<figcaption>Gone</figcaption></figure><p>After.</p>"
        )
        main = client.get(page.get_absolute_url()).content.decode().split("<main")[1]
        assert "<p>Before.</p><p>After.</p>" in main
        assert "Gone" not in main and "<figure" not in main

    @pytest.mark.parametrize(
        "html",
        [
            '<p><img src="https://tracker.example/pixel.gif" alt="x"></p>',
            '<img src="//tracker.example/pixel.gif">',
            '<img src="javascript:alert(1)" data-file="abc">',
            '<figure class="figure"><img src="https://tracker.example/a.png"></figure>',
        ],
    )
    def test_an_image_not_from_the_library_never_survives_sanitising(self, html):
        assert "<img" not in sanitise(html)
        assert "tracker" not in sanitise(html)

    def test_a_saved_body_keeps_only_the_reference(self):
        page = PageFactory()
        page.body = (
            '<figure class="figure"><img src="/images/a.jpg" alt="x" width="9" data-file="7">'
            "</figure>"
        )
        page.full_clean()
        page.save()
        stored = Page.objects.get(pk=page.pk).body
        assert 'data-file="7"' in stored
        assert "width" not in stored and "alt=" not in stored


class TestLogosAndLeadImages:
    def test_the_partnership_logo_is_in_the_header_link_with_the_name_as_text(self, client):
        logo = ImageFactory(alt_text="Example LSCP logo", size=(400, 200), fmt="PNG")
        settings = SiteSettingsFactory(logo=logo)
        html = client.get("/partners/").content.decode()
        link = re.search(r'<a class="site-header__name"[^>]*>(.*?)</a>', html, re.S).group(1)
        assert "<picture" in link and 'alt=""' in link
        assert settings.name in link

    def test_partner_logos_are_on_the_partners_page(self, client):
        SiteSettingsFactory()
        PartnerFactory(organisation="Example Police", logo=ImageFactory(size=(300, 300)))
        response = client.get("/partners/")
        assertContains(response, "partner-list__logo")
        assertContains(response, 'width="300" height="300"')

    def test_an_editor_puts_a_lead_image_on_a_statement(self, editor_client):
        SiteSettingsFactory()
        statement = PressStatementFactory()
        image = ImageFactory()
        form = reverse("admin:partnership_pressstatement_change", args=[statement.pk])
        page = editor_client.get(form)
        assertContains(page, 'name="lead_image"')
        data = {
            "title": statement.title,
            "slug": statement.slug,
            "summary": statement.summary,
            "body": statement.body,
            "lead_image": image.pk,
            "spokesperson_name": "",
            "spokesperson_role": "",
            "status": "published",
            "publish_at_0": "01/04/2024",
            "publish_at_1": "09:00:00",
        }
        assert editor_client.post(form, data).status_code == 302
        assert PressStatement.objects.get().lead_image == image
        # A tampered post naming an image that does not exist is refused beside the field.
        response = editor_client.post(form, data | {"lead_image": "999999"})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["lead_image"]
        assert PressStatement.objects.get().lead_image == image

    def test_an_image_in_use_cannot_be_deleted_and_the_editor_is_told_where(self, editor_client):
        lead = ImageFactory()
        in_text = ImageFactory()
        PageFactory(title="Thresholds", lead_image=lead)
        PageFactory(title="Escalation", body=f'<figure><img data-file="{in_text.pk}"></figure>')
        for image, where in ((lead, "Thresholds"), (in_text, "Escalation")):
            url = reverse("admin:images_image_delete", args=[image.pk])
            assertContains(editor_client.get(url), where)
            editor_client.post(url, {"post": "yes"})
            assert Image.objects.filter(pk=image.pk).exists()
        assert SiteSettings.objects.count() == 0


def test_the_library_admin_and_picker_work_for_a_content_editor(editor_client):
    image = ImageFactory(title="Conference hall")
    for url in (
        reverse("admin:images_image_changelist"),
        reverse("admin:images_image_add"),
        reverse("admin:images_image_change", args=[image.pk]),
        reverse("admin:images_image_choose") + "?q=conference&CKEditorFuncNum=1",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
    assertContains(response, f'data-id="{image.pk}"')
    assertContains(response, "Conference hall")


def test_the_benchmark_makes_many_images_quickly(media):
    images = create_images(5)
    assert Image.objects.count() == 5
    assert all(default_storage.exists(r.name) for i in images for r in i.get_renditions())


@pytest.mark.parametrize("contrast", [None, "high"])
def test_pages_with_pictures_have_no_nu_checker_errors(client, tmp_path, contrast):
    if contrast:
        client.cookies["contrast"] = contrast
    picture = ImageFactory(caption="Summer in the park", credit="Photo: The council")
    SiteSettingsFactory(logo=ImageFactory(size=(600, 200), fmt="PNG"))
    PartnerFactory(logo=ImageFactory(size=(300, 300)))
    page = PageFactory(
        lead_image=picture,
        body=f'<p>Before.</p><figure class="figure"><img data-file="{picture.pk}">'
        "<figcaption>In the text</figcaption></figure><p>After.</p>",
    )
    files = []
    for name, path in (("page", page.get_absolute_url()), ("partners", "/partners/")):
        file = tmp_path / f"{name}.html"
        file.write_bytes(client.get(path).content)
        files.append(file)
    assert nu_errors(files) == {}
