"""`site-gen new DIR`: a project an office starts from — a commented site.yaml, an empty sources/ and a guide."""

from __future__ import annotations

import datetime
from pathlib import Path

from site_gen.errors import fail
from site_gen.slug import slugify

GUIDE = "说明.md"

_SITE_YAML = """\
# {title} 的站点配置。以 # 开头的是说明，不起作用；`site-gen check` 会指出写错的行。

site:
  # 站点名称：显示在每页页眉和浏览器标签上
  title: {title}
  # 网站所在的路径（/ 或 /nianjian/）；正式发布时写完整网址（https://www.example.gov.cn/nianjian/），
  # 引用和永久链接才带上网址
  base_url: /
  # 首页的介绍文字，每行一段；不写时按收录的书自动生成
  # description: |
  #   本站收录……
  # 每页页脚的文字，如编纂单位名称；不写时用站点名称
  # footer: ××区地方志办公室
  # 生成网站的文件夹：把其中的内容上传到网站服务器
  output: public
  language: zh-CN

# 收录的书，每部（每卷年鉴或一部志书）一项
yearbooks:
  - # 书的标识：小写字母、数字和 -，用作网址 /{book_id}/
    id: {book_id}
    # 书名，照原书
    title: {book_title}
    # 出版年
    edition: {edition}
    # 记述的年份（志书写下限年份）
    covers: {covers}
    # 主要责任者（编纂委员会等，照原书）、出版者和出版地，供引用；不知道就不写
    # editor: ××年鉴编纂委员会
    # publisher: 方志出版社
    # place: 北京
    # 体例：年鉴 或 志；不写时从文本判断
    # profile: 志
    # 书稿文件（放在 sources/ 中），按阅读顺序；去掉 # 并写上文件名
    sources:
      # - 书稿.txt
      # - file: 附录.md
      #   category: 附录    # 文本中没有印出类目名时，指定它的类目
"""

_GUIDE = """\
# {title}：使用说明

本文件夹是一个 site_gen 项目：把年鉴或志书的文本放进来，生成可以浏览、检索的静态网站。

## 一、放入书稿

1. 把书稿文件放进 `sources/` 文件夹。可以是：
   - 印刷用的 PDF（`.pdf`；扫描件自动做文字识别，每页约需数秒，识别结果会保存，再次导入很快）；
   - 从印刷 PDF 导出的文本（`.txt`，UTF-8 或 GB18030 编码均可）；
   - Word 书稿（`.docx`，或另存为的 `.txt`）；
   - PDF 或 OCR 工具导出的 Markdown（`.md`）。
2. 打开 `site.yaml`，在 `sources:` 下按阅读顺序写上文件名（去掉行首的 `#`），并填好书名、出版年和记述年份。
   一部书分成几个文件时，逐个列出；一个站点可以收录多部书，在 `yearbooks:` 下逐部添加。

## 二、常用命令（在本文件夹中运行）

| 命令 | 作用 |
| --- | --- |
| `site-gen check` | 只检查、不写文件：报告识别出的类目、分目、条目、表格等，以及需要注意的问题 |
| `site-gen import` | 把 `sources/` 中的书稿转换为 `content/` 中的 Markdown 页面，供校对修改 |
| `site-gen install-search` | 安装全文检索工具 Pagefind（每台电脑只需一次） |
| `site-gen serve` | 生成网站并在 http://127.0.0.1:8000/ 预览；修改页面后自动刷新 |
| `site-gen build` | 生成正式网站到 `public/`，把该文件夹上传到网站服务器即可 |

## 三、看懂 `site-gen check` 的报告

- 第一行是各项数量：类目（categories）、分目（sections）、条目（entries）、文件、人物、署名、表格等；
- `profile:` 表示按年鉴还是志书的体例读取（可在 `site.yaml` 中用 `profile:` 指定）；
- `Han characters reaching content/` 应为 100%：书稿中的每个汉字都进入了页面；
- `outline:` 列出识别出的目录结构，请与原书目录对照；
- 以 `warning:` 开头的行提示可能没有识别对的地方，并说明怎么处理。

导入时舍弃的页码、书眉等行，逐行记录在 `content/<书的 id>/import-report.txt` 中，可以核对。

## 四、校对与修改

`content/` 中每个页面是一个 Markdown 文件，可直接用文本编辑器修改。再次运行 `site-gen import`
时，改过的页面会保留，不会被覆盖。
"""


def new_project(folder: Path) -> list[Path]:
    """Write a new project into `folder` (created if missing, refused if it already holds a site.yaml)."""
    config = folder / "site.yaml"
    if config.exists():
        raise fail(config, "a project is already here: `site-gen new` writes only into a new or empty folder")
    if folder.exists() and not folder.is_dir():
        raise fail(folder, "not a folder")
    title = folder.resolve().name or "地方志"
    year = datetime.date.today().year
    book_id = f"{slugify(title)}-{year}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    written = [config, folder / GUIDE]
    config.write_text(_SITE_YAML.format(title=title, book_id=book_id, book_title=f"{title}（{year}）",
                                        edition=year, covers=year - 1), encoding="utf-8")
    if not (folder / GUIDE).exists():
        (folder / GUIDE).write_text(_GUIDE.format(title=title), encoding="utf-8")
    return [*written, folder / "sources"]
