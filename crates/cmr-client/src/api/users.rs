//! Users: the partner's own customers.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::pagination::{collect_all, Paginated, Pagination, MAX_PAGE_SIZE};

/// The customer record the API takes on create (all fields the docs mark required).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    pub email: String,
    pub company: String,
    pub first_name: String,
    pub last_name: String,
    /// ISO 3166-1 alpha-2, from `list_countries`.
    pub country: String,
    pub state: String,
    pub city: String,
    pub address_line_one: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line_two: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line_three: Option<String>,
    pub postal_code: String,
    pub language_preference: String,
    /// Calling code without "+", e.g. "1".
    pub phone_cc: String,
    /// National number without the calling code.
    pub phone: String,
}

/// Fields for `update_user`. The docs mark all optional while the help guide says the full
/// billing object must be sent; [`UserUpdate::from`] a full [`NewUser`] is the safe choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line_one: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line_two: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line_three: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_preference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_cc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl From<NewUser> for UserUpdate {
    fn from(u: NewUser) -> Self {
        UserUpdate {
            email: Some(u.email),
            company: Some(u.company),
            first_name: Some(u.first_name),
            last_name: Some(u.last_name),
            country: Some(u.country),
            state: Some(u.state),
            city: Some(u.city),
            address_line_one: Some(u.address_line_one),
            address_line_two: u.address_line_two,
            address_line_three: u.address_line_three,
            postal_code: Some(u.postal_code),
            language_preference: Some(u.language_preference),
            phone_cc: Some(u.phone_cc),
            phone: Some(u.phone),
        }
    }
}

/// A customer as the API returns it. The shape is inferred (create fields plus `userId`),
/// so every field is optional and unknown members are kept in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(flatten)]
    pub fields: UserUpdate,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    /// `userId`, or `id` where the server used that key.
    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref().or(self.id.as_deref())
    }
}

/// The id of a created user, read from `data.id` or `data.userId` (the reference is unsure
/// which); written as both so either reader finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedUser {
    pub user_id: String,
}

impl Serialize for CreatedUser {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::json!({ "id": self.user_id, "userId": self.user_id }).serialize(s)
    }
}

/// On the TypeScript side: `{ id, userId }`, as written by `Serialize` above.
#[cfg(feature = "specta")]
mod created_user_type {
    #[derive(serde::Serialize, specta::Type)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct CreatedUser {
        pub id: String,
        pub user_id: String,
    }

    impl specta::Type for super::CreatedUser {
        fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
            <CreatedUser as specta::Type>::definition(types)
        }
    }
}

impl<'de> Deserialize<'de> for CreatedUser {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default)]
            user_id: Option<String>,
            #[serde(default)]
            id: Option<String>,
            #[serde(default)]
            user: Option<Box<Wire>>,
        }
        fn pick(w: Wire) -> Option<String> {
            w.user_id.or(w.id).or_else(|| w.user.and_then(|u| pick(*u)))
        }
        let wire = Wire::deserialize(d)?;
        pick(wire)
            .map(|user_id| CreatedUser { user_id })
            .ok_or_else(|| serde::de::Error::custom("no id or userId in the created user"))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ListUsersQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Free-text filter; the parameter name is unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UsersPage {
    #[cfg_attr(feature = "specta", specta(type = Vec<User>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub users: Vec<User>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl Paginated for UsersPage {
    type Item = User;
    fn pagination(&self) -> Pagination {
        self.pagination.clone().unwrap_or_default()
    }
    fn into_items(self) -> Vec<User> {
        self.users
    }
}

impl CmrClient {
    /// One page of customers.
    pub async fn list_users(&self, query: &ListUsersQuery) -> Result<ApiResponse<UsersPage>, CmrError> {
        self.send(Call::new(&ep::LIST_USERS).query_struct(query)).await
    }

    /// Every customer, page by page.
    pub async fn list_all_users(&self, search: Option<&str>) -> Result<Vec<User>, CmrError> {
        collect_all(MAX_PAGE_SIZE, |page| {
            let query = ListUsersQuery {
                page: Some(page),
                limit: Some(MAX_PAGE_SIZE),
                search: search.map(str::to_owned),
            };
            async move { self.list_users(&query).await }
        })
        .await
    }

    /// A customer's profile and billing details.
    pub async fn get_user(&self, user_id: &str) -> Result<ApiResponse<User>, CmrError> {
        self.send(Call::new(&ep::GET_USER).user(user_id)).await
    }

    /// Creates a customer. Keep the returned id: every user-level call needs it.
    pub async fn create_user(&self, user: &NewUser) -> Result<ApiResponse<Option<CreatedUser>>, CmrError> {
        self.send(Call::new(&ep::CREATE_USER).json(user)).await
    }

    /// Replaces a customer's details (send the full record, see [`UserUpdate`]).
    pub async fn update_user(&self, user_id: &str, update: &UserUpdate) -> Result<ApiResponse<Option<User>>, CmrError> {
        self.send(Call::new(&ep::UPDATE_USER).user(user_id).json(update)).await
    }

    /// Deletes a customer with no domains and no mailboxes; a refusal's counts are in the
    /// error's details.
    pub async fn delete_user(&self, user_id: &str) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::DELETE_USER).user(user_id)).await
    }
}
