//! Open enumerations: the values the reference lists, plus `Other` for anything new the
//! server sends, so an unexpected status never fails a whole reply.

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value the reference does not list, kept as sent.
            Other(String),
        }

        impl $name {
            /// Every documented value, in the reference's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];
            /// The wire text of every documented value, in the same order as [`Self::KNOWN`].
            pub const WIRE: &'static [&'static str] = &[$($wire),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(other) => other.as_str(),
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $(if s == $wire { return $name::$variant; })+
                // Same spelling in another case is the same value.
                $(if s.eq_ignore_ascii_case($wire) { return $name::$variant; })+
                $name::Other(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name::from(s.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        /// On the TypeScript side an open enum is its wire text.
        #[cfg(feature = "specta")]
        impl specta::Type for $name {
            fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
                <String as specta::Type>::definition(types)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(match serde_json::Value::deserialize(d)? {
                    serde_json::Value::String(s) => $name::from(s),
                    other => $name::Other(other.to_string()),
                })
            }
        }
    };
}

open_enum! {
    /// Mailbox / workspace provider (`serviceProvider`, `workspaceType`).
    ServiceProvider { Google = "GOOGLE", Microsoft = "MICROSOFT" }
}

open_enum! {
    /// `billingCycle`: only MONTHLY is accepted today.
    #[derive(Default)]
    BillingCycle { #[default] Monthly = "MONTHLY" }
}

open_enum! {
    DomainStatus {
        Active = "ACTIVE",
        /// Registration in progress.
        Pending = "PENDING",
        Renewing = "RENEWING",
        /// Registrar expiry reached; renewable for 7 more days.
        GracePeriod = "GRACE_PERIOD",
        /// Terminal for API renewal.
        Expired = "EXPIRED",
        Transferred = "TRANSFERRED",
        Inactive = "INACTIVE",
    }
}

open_enum! {
    MailboxStatus {
        InProgress = "IN_PROGRESS",
        CreatingPassword = "CREATING_PASSWORD",
        Active = "ACTIVE",
        Expired = "EXPIRED",
    }
}

open_enum! {
    SubscriptionStatus {
        Active = "ACTIVE",
        Renewing = "RENEWING",
        /// Renewal failed; 7-day grace.
        PastDue = "PAST_DUE",
        Cancelled = "CANCELLED",
        Expired = "EXPIRED",
    }
}

open_enum! {
    /// The API's order vocabulary was not found; these are the dashboard's filters plus the
    /// processing states the reference guesses.
    OrderStatus {
        Paid = "PAID",
        Pending = "PENDING",
        Processing = "PROCESSING",
        Completed = "COMPLETED",
        Failed = "FAILED",
        Refund = "REFUND",
        PartialRefund = "PARTIAL_REFUND",
        /// Not in the dashboard filters either; a terminal failure if CMR ever sends it.
        Cancelled = "CANCELLED",
    }
}

open_enum! {
    WarmupStatus { Pending = "PENDING", Active = "ACTIVE", Paused = "PAUSED", Stopped = "STOPPED" }
}

open_enum! {
    PlacementStatus { Pending = "PENDING", Completed = "COMPLETED" }
}

open_enum! {
    /// Sending platforms a mailbox can be exported to (`app`).
    ExportPlatform {
        EmailBison = "EMAILBISON",
        ReachInbox = "REACHINBOX",
        Smartlead = "SMARTLEAD",
        Instantly = "INSTANTLY",
    }
}

open_enum! {
    DnsRecordType { A = "A", Aaaa = "AAAA", Cname = "CNAME", Mx = "MX", Txt = "TXT", Ns = "NS" }
}

open_enum! {
    /// DMARC tags CMR appends by default unless excluded (`excludedDMARCtags`).
    DmarcTag {
        Rua = "rua",
        Ruf = "ruf",
        Fo = "fo",
        Rf = "rf",
        Ri = "ri",
        Pct = "pct",
        Sp = "sp",
        Aspf = "aspf",
        Adkim = "adkim",
    }
}

open_enum! {
    /// Outcome a sandbox pre-warmup order simulates.
    SandboxScenario { Success = "success", FullFailure = "full_failure", PartialFailure = "partial_failure" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let s: SubscriptionStatus = serde_json::from_str("\"SUSPENDED\"").unwrap();
        assert_eq!(s, SubscriptionStatus::Other("SUSPENDED".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"SUSPENDED\"");
    }

    #[test]
    fn known_values_round_trip() {
        let t: DnsRecordType = serde_json::from_str("\"CNAME\"").unwrap();
        assert_eq!(t, DnsRecordType::Cname);
        assert_eq!(serde_json::to_string(&DmarcTag::Adkim).unwrap(), "\"adkim\"");
        assert_eq!(ServiceProvider::from("google"), ServiceProvider::Google);
        assert_eq!(DomainStatus::KNOWN.len(), 7);
    }

    #[test]
    fn non_string_values_do_not_fail() {
        let s: WarmupStatus = serde_json::from_str("3").unwrap();
        assert_eq!(s, WarmupStatus::Other("3".into()));
    }
}
