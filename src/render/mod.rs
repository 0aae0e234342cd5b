//! Template rendering with Tera: compiling the theme's templates once, and filling a page's
//! template with its layout, its view and the interface strings. Pure: strings in, HTML out.

pub mod budget;
pub mod compact;
pub mod export;
pub mod feeds;
pub mod hyphenate;
pub mod json_lines;
pub mod search;

use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::theme::Theme;

/// The compiled templates of a theme.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Compiles every template; a syntax error is reported with the template's file and line.
    /// `required`: the templates the site's pages need (one per page kind).
    pub fn compile(
        theme: &Theme,
        required: &[&str],
        diagnostics: &mut Diagnostics,
    ) -> Option<Renderer> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // Tera's own `range`, counted against each page's budget.
        tera.register_function("range", budget::range);
        // Soft hyphens in a heading's long words (render/hyphenate.rs).
        tera.register_filter("hyphenate", hyphenate::filter);
        let mut templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, (_, source))| (name.as_str(), source.as_str()))
            .collect();
        // A theme made before these were templates gets rankpress's own.
        for (name, source) in MACHINE_TEMPLATES {
            if !theme.templates.contains_key(name) {
                templates.push((name, source));
            }
        }
        if let Err(error) = tera.add_raw_templates(templates) {
            diagnostics.push(compile_error(theme, &error.to_string()));
            return None;
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|name| !theme.templates.contains_key(*name))
            .collect();
        if !missing.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "themes",
                    format!("the theme lacks templates: {}", missing.join(", ")),
                )
                .expected("one template per page kind under templates/")
                .says("diag_theme_lacks_templates", &[("templates", &missing.join(", "))])
                .expects("diag_template_per_page_kind", &[]),
            );
            return None;
        }
        Some(Renderer { tera })
    }

    /// Renders a partial template (an embed) with the given variables and the interface strings.
    pub fn render_fragment(
        &self,
        template: &str,
        values: &[(&'static str, &dyn erased::Value)],
        strings: &crate::locale::Strings,
    ) -> Result<String, tera::Error> {
        let mut context = Context::new();
        for (name, value) in values {
            value.insert_into(&mut context, name);
        }
        context.insert("t", strings);
        self.budgeted(template, &context)
    }

    /// Renders a file that is not a page (`sitemap.xml`, `atom.xml`, `robots.txt`): its data as
    /// `page`, and the interface strings.
    pub fn render_file(
        &self,
        template: &str,
        page: &impl serde::Serialize,
        strings: &crate::locale::Strings,
    ) -> Result<String, tera::Error> {
        self.render_fragment(template, &[("page", page)], strings)
    }

    /// Renders `template` within one page's budget of time, output and `range` elements
    /// ([`budget`]).
    fn budgeted(&self, template: &str, context: &Context) -> Result<String, tera::Error> {
        budget::begin();
        let mut output = budget::Output::default();
        self.tera.render_to(template, context, &mut output)?;
        String::from_utf8(output.bytes).map_err(|e| tera::Error::message(e.to_string()))
    }

    /// Renders `template` for one page: its frame (`layout`), its own data (`page`) and the
    /// interface strings (`t`). The renderer knows nothing of the views' types, only that they
    /// serialise (docs/templates.md lists what each template receives). The page comes without
    /// the whitespace a browser ignores ([`compact`]).
    pub fn render(
        &self,
        template: &str,
        layout: &impl serde::Serialize,
        page: &dyn erased::Value,
        strings: &TemplateStrings,
    ) -> Result<String, tera::Error> {
        let mut context = Context::new();
        context.insert("layout", layout);
        page.insert_into(&mut context, "page");
        context.insert_value("t", strings.0.clone());
        self.budgeted(template, &context)
            .map(|page| compact::html(&page))
    }
}

/// A language's interface strings as the templates see them (`t`), converted once for all of
/// its pages: a page's context then shares them instead of copying some 300 strings (a tenth
/// of a large site's rendering time went to that copy).
pub struct TemplateStrings(tera::Value);

impl TemplateStrings {
    pub fn new(strings: &crate::locale::Strings) -> TemplateStrings {
        TemplateStrings(tera::Value::from_serializable(strings))
    }
}

/// The templates of the files for machines (sitemap, feed, robots.txt), as the default theme has
/// them: used where a theme has none of its own.
const MACHINE_TEMPLATES: [(&str, &str); 3] = [
    (
        "sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    ("atom.xml", include_str!("../../themes/default/templates/atom.xml")),
    (
        "robots.txt",
        include_str!("../../themes/default/templates/robots.txt"),
    ),
];

/// Lets differently typed values go into one context without generics in the call.
pub mod erased {
    use serde::Serialize;
    use tera::Context;

    pub trait Value {
        fn insert_into(&self, context: &mut Context, name: &'static str);

        /// The value as a template sees it (tests of the theme contract).
        fn to_value(&self) -> serde_json::Value;
    }

    impl<T: Serialize> Value for T {
        fn insert_into(&self, context: &mut Context, name: &'static str) {
            context.insert(name, self);
        }

        fn to_value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

/// A template compile error as a diagnostic at the template's file, line and column. Tera's
/// message reads "error: <problem>\n --> <template>:<line>:<column>\n..."; where it does not,
/// the whole message is kept and the first template it names is blamed.
fn compile_error(theme: &Theme, message: &str) -> Diagnostic {
    let problem = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("error:"))
        .map(str::trim)
        .unwrap_or(message);
    let location = message.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("-->")?.trim();
        let mut parts = rest.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), line, column))
    });
    let template = match &location {
        Some((name, _, _)) => theme.templates.get(name),
        None => theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(name.as_str()))
            .map(|(_, template)| template),
    };
    let file = template.map_or("themes", |(file, _)| file.as_str());
    use crate::diagnostics::{Phrase, as_given};
    let mut diagnostic = Diagnostic::error(file, format!("template error: {problem}"))
        .expected("valid Tera syntax (https://keats.github.io/tera/)")
        .expects("diag_tera_syntax_expected", &[]);
    diagnostic = if location.is_none() {
        diagnostic.message = format!("a template does not compile:\n{message}");
        diagnostic.saying(Some(
            Phrase::new("diag_template_no_compile", &[]).with("reason", as_given(message)),
        ))
    } else {
        diagnostic.saying(Some(
            Phrase::new("diag_template_error", &[]).with("reason", as_given(problem)),
        ))
    };
    if let (Some((_, line, column)), Some((_, source))) = (location, template) {
        diagnostic = diagnostic.at(line, column);
        diagnostic.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_string);
    }
    diagnostic
}
