//! A new password for `user add` and `user password`: read from standard input or generated,
//! checked against the same rule as the web form, hashed as sign-in expects.

use std::io::Read;

use anyhow::anyhow;

use aireg_domain::person::check_password;
use aireg_service::secrets::random_hex;

pub struct NewPassword {
    pub text: String,
    /// Generated here, so the operator has to be shown it.
    pub generated: bool,
}

impl NewPassword {
    /// From standard input when `stdin`, else generated.
    pub fn obtain(stdin: bool) -> anyhow::Result<NewPassword> {
        if stdin {
            Self::read(&mut std::io::stdin().lock())
        } else {
            // 12 random bytes: 24 hex digits, well past the minimum length.
            let text = random_hex(12).map_err(|e| anyhow!("{e}"))?;
            Self::checked(text, true)
        }
    }

    /// The whole input minus the line end a shell's `echo` or a file adds.
    pub fn read(input: &mut dyn Read) -> anyhow::Result<NewPassword> {
        let mut s = String::new();
        input.read_to_string(&mut s)?;
        Self::checked(s.trim_end_matches(['\n', '\r']).to_string(), false)
    }

    fn checked(text: String, generated: bool) -> anyhow::Result<NewPassword> {
        check_password(&text).map_err(|e| anyhow!("{e}"))?;
        Ok(NewPassword { text, generated })
    }

    /// Prints a generated password on standard output (the only line there, so a script can
    /// take it) and the advice on standard error; a password from standard input is not echoed.
    pub fn show(&self) {
        if self.generated {
            println!("{}", self.text);
            eprintln!(
                "The password above was generated; give it to the person and ask them to keep it safe."
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_on_standard_input_loses_only_its_line_end() {
        let p = NewPassword::read(&mut " pitkä salasana \r\n".as_bytes()).unwrap();
        assert_eq!(p.text, " pitkä salasana ");
        assert!(!p.generated);
    }

    #[test]
    fn a_short_password_is_refused_and_a_generated_one_passes() {
        let err = NewPassword::read(&mut "lyhyt\n".as_bytes())
            .err()
            .expect("too short");
        assert!(err.to_string().contains("password"), "{err}");
        let p = NewPassword::obtain(false).unwrap();
        assert!(p.generated);
        assert!(check_password(&p.text).is_ok());
        assert_ne!(p.text, NewPassword::obtain(false).unwrap().text);
    }
}
